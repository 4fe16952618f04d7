import { BaselinePolicy } from "../lib/policy";
import { apigatewayStageCacheEncrypted } from "./stage-cache-encrypted";
import { apigatewayStageClientCertificate } from "./stage-client-certificate";
import { apigatewayTls } from "./tls";

export const apiGatewayPolicies: BaselinePolicy[] = [apigatewayTls, apigatewayStageCacheEncrypted, apigatewayStageClientCertificate];
