import { BaselinePolicy } from "../lib/policy";

export const ec2Policies: BaselinePolicy[] = [];
