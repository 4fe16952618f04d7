import { BaselinePolicy } from "../lib/policy";
import { openSearchDomainEncryptionCustomerManagedKey } from "./domain-encryption-customer-managed-key";
import { opensearchDomainTls } from "./domain-tls";

export const openSearchPolicies: BaselinePolicy[] = [openSearchDomainEncryptionCustomerManagedKey, opensearchDomainTls];
