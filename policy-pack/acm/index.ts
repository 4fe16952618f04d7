import { BaselinePolicy } from "../lib/policy";
import { acmCertificateTrusted } from "./certificate-trusted";
import { acmCertificateValidated } from "./certificate-validated";
import { tlsNoSelfSignedCertificates } from "./tls-no-self-signed-certificates";

export const acmPolicies: BaselinePolicy[] = [acmCertificateTrusted, tlsNoSelfSignedCertificates, acmCertificateValidated];
