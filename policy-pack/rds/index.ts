import { BaselinePolicy } from "../lib/policy";
import { rdsEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";
import { rdsIamAuthentication } from "./iam-authentication";
import { rdsRequireTls } from "./require-tls";

export const rdsPolicies: BaselinePolicy[] = [rdsEncryptionCustomerManagedKey, rdsRequireTls, rdsIamAuthentication];
