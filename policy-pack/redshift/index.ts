import { BaselinePolicy } from "../lib/policy";
import { redshiftClusterRequireTls } from "./cluster-require-tls";

export const redshiftPolicies: BaselinePolicy[] = [redshiftClusterRequireTls];
