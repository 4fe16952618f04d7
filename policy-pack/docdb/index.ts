import { BaselinePolicy } from "../lib/policy";
import { docdbClusterRequireTls } from "./cluster-require-tls";

export const docdbPolicies: BaselinePolicy[] = [docdbClusterRequireTls];
