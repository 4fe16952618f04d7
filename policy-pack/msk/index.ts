import { BaselinePolicy } from "../lib/policy";
import { mskClusterTlsOnly } from "./cluster-tls-only";

export const mskPolicies: BaselinePolicy[] = [mskClusterTlsOnly];
