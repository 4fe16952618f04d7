import { BaselinePolicy } from "../lib/policy";
import { elastiCacheReplicationGroupEncryptionCustomerManagedKey } from "./replication-group-encryption-customer-managed-key";
import { elasticacheReplicationGroupTransitEncryption } from "./replication-group-transit-encryption";

export const elastiCachePolicies: BaselinePolicy[] = [elastiCacheReplicationGroupEncryptionCustomerManagedKey, elasticacheReplicationGroupTransitEncryption];
