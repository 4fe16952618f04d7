import { BaselinePolicy } from "../lib/policy";
import { dmsEndpointSsl } from "./endpoint-ssl";

export const dmsPolicies: BaselinePolicy[] = [dmsEndpointSsl];
