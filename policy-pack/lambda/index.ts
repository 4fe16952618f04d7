import { BaselinePolicy } from "../lib/policy";
import { lambdaFunctionUrlAuthenticated } from "./function-url-authenticated";
import { lambdaPermissionSourceScoped } from "./permission-source-scoped";

export const lambdaPolicies: BaselinePolicy[] = [lambdaPermissionSourceScoped, lambdaFunctionUrlAuthenticated];
