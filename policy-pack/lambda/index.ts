import { BaselinePolicy } from "../lib/policy";
import { lambdaFunctionEnvironmentCustomerManagedKey } from "./function-environment-customer-managed-key";
import { lambdaFunctionUrlAuthenticated } from "./function-url-authenticated";
import { lambdaPermissionSourceScoped } from "./permission-source-scoped";

export const lambdaPolicies: BaselinePolicy[] = [lambdaFunctionEnvironmentCustomerManagedKey, lambdaPermissionSourceScoped, lambdaFunctionUrlAuthenticated];
