import { BaselinePolicy } from "../lib/policy";

export const iamPolicies: BaselinePolicy[] = [];
