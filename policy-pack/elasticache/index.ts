import { BaselinePolicy } from "../lib/policy";
import { elasticacheReplicationGroupTransitEncryption } from "./replication-group-transit-encryption";

export const elastiCachePolicies: BaselinePolicy[] = [elasticacheReplicationGroupTransitEncryption];
