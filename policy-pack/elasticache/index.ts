import { elastiCacheReplicationGroupEncryptionCustomerManagedKey } from "./replication-group-encryption-customer-managed-key";

export const elastiCachePolicies = [elastiCacheReplicationGroupEncryptionCustomerManagedKey];
