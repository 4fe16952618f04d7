import { BaselinePolicy } from "../lib/policy";
import { daxClusterTls } from "./cluster-tls";

export const daxPolicies: BaselinePolicy[] = [daxClusterTls];
