// Every policy of the pack, in the order of the policy reference. Each service folder keeps its
// own explicit list.
import { BaselinePolicy } from "./lib/policy";
import { kmsPolicies } from "./kms";
import { s3Policies } from "./s3";

export const policies: BaselinePolicy[] = [...s3Policies, ...kmsPolicies];
