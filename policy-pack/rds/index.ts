import { BaselinePolicy } from "../lib/policy";
import { rdsEncryptionCustomerManagedKey } from "./encryption-customer-managed-key";
import { rdsProxyRequireTls } from "./proxy-require-tls";
import { rdsRequireTls } from "./require-tls";

export const rdsPolicies: BaselinePolicy[] = [rdsEncryptionCustomerManagedKey, rdsRequireTls, rdsProxyRequireTls];
