import { BaselinePolicy } from "../lib/policy";
import { redshiftClusterEncryptionCustomerManagedKey } from "./cluster-encryption-customer-managed-key";
import { redshiftClusterRequireTls } from "./cluster-require-tls";
import { redshiftServerlessRequireTls } from "./serverless-require-tls";

export const redshiftPolicies: BaselinePolicy[] = [redshiftClusterEncryptionCustomerManagedKey, redshiftClusterRequireTls, redshiftServerlessRequireTls];
