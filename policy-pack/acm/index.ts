import { BaselinePolicy } from "../lib/policy";
import { acmCertificateTrusted } from "./certificate-trusted";
import { acmCertificateValidated } from "./certificate-validated";
import { tlsCertificateAttached } from "./tls-certificate-attached";
import { tlsNoSelfSignedCertificates } from "./tls-no-self-signed-certificates";

export const acmPolicies: BaselinePolicy[] = [acmCertificateTrusted, tlsNoSelfSignedCertificates, acmCertificateValidated, tlsCertificateAttached];
