import { BaselinePolicy } from "../lib/policy";
import { lambdaPermissionSourceScoped } from "./permission-source-scoped";

export const lambdaPolicies: BaselinePolicy[] = [lambdaPermissionSourceScoped];
