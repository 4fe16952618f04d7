import { BaselinePolicy } from "../lib/policy";
import { daxClusterEncryptionEnabled } from "./cluster-encryption-enabled";
import { daxClusterTls } from "./cluster-tls";

export const daxPolicies: BaselinePolicy[] = [daxClusterEncryptionEnabled, daxClusterTls];
