import { BaselinePolicy } from "../lib/policy";
import { rdsEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";
import { rdsIamAuthentication } from "./iam-authentication";
import { rdsProxyRequireTls } from "./proxy-require-tls";
import { rdsRequireTls } from "./require-tls";
import { rdsSnapshotEncryptionCustomerManagedKey } from "./snapshot-encryption-customer-managed-key";

export const rdsPolicies: BaselinePolicy[] = [rdsEncryptionCustomerManagedKey, rdsSnapshotEncryptionCustomerManagedKey, rdsRequireTls, rdsProxyRequireTls, rdsIamAuthentication];
