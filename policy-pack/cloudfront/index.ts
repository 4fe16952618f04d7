import { BaselinePolicy } from "../lib/policy";

export const cloudFrontPolicies: BaselinePolicy[] = [];
