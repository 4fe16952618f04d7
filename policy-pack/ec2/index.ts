import { BaselinePolicy } from "../lib/policy";
import { ec2Imdsv2Required } from "./imdsv2-required";
import { ec2SecurityGroupNoPlaintextIngress } from "./security-group-no-plaintext-ingress";

export const ec2Policies: BaselinePolicy[] = [ec2SecurityGroupNoPlaintextIngress, ec2Imdsv2Required];
