import { BaselinePolicy } from "../lib/policy";
import { daxClusterEncryptionEnabled } from "./cluster-encryption-enabled";

export const daxPolicies: BaselinePolicy[] = [daxClusterEncryptionEnabled];
