import { BaselinePolicy } from "../lib/policy";
import { lambdaFunctionEnvironmentCustomerManagedKey } from "./function-environment-customer-managed-key";
import { lambdaPermissionSourceScoped } from "./permission-source-scoped";

export const lambdaPolicies: BaselinePolicy[] = [lambdaFunctionEnvironmentCustomerManagedKey, lambdaPermissionSourceScoped];
