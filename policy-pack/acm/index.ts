import { BaselinePolicy } from "../lib/policy";

export const acmPolicies: BaselinePolicy[] = [];
