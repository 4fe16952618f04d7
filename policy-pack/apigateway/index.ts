import { BaselinePolicy } from "../lib/policy";
import { apigatewayStageClientCertificate } from "./stage-client-certificate";
import { apigatewayTls } from "./tls";

export const apiGatewayPolicies: BaselinePolicy[] = [apigatewayTls, apigatewayStageClientCertificate];
