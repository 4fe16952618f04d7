import { BaselinePolicy } from "../lib/policy";
import { cloudfrontOriginHttps } from "./origin-https";
import { cloudfrontTlsPolicy } from "./tls-policy";
import { cloudfrontViewerHttps } from "./viewer-https";

export const cloudFrontPolicies: BaselinePolicy[] = [cloudfrontViewerHttps, cloudfrontOriginHttps, cloudfrontTlsPolicy];
