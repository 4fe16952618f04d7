import { BaselinePolicy } from "../lib/policy";
import { apigatewayTls } from "./tls";

export const apiGatewayPolicies: BaselinePolicy[] = [apigatewayTls];
