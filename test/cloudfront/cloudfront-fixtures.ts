// A compliant CloudFront distribution for the CloudFront case tables: a custom origin reached over
// TLS 1.2, an S3 origin, HTTPS-only behaviours and an ACM certificate served with SNI on TLSv1.2_2021.
import { ResourceState } from "../../policy-pack/lib/runner";
import { resource } from "../lib/fixtures";

export const distributionType = "aws:cloudfront/distribution:Distribution";
export const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";

const methods = { allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] };

export function compliantDistribution(): Record<string, any> {
    return {
        enabled: true,
        aliases: ["www.example.com"],
        origins: [
            {
                originId: "app",
                domainName: "app.example.com",
                customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
            },
            { originId: "assets", domainName: "assets.s3.us-east-1.amazonaws.com", originAccessControlId: "E2QWRUHAPOMQZL" },
        ],
        defaultCacheBehavior: { targetOriginId: "app", viewerProtocolPolicy: "redirect-to-https", ...methods },
        orderedCacheBehaviors: [{ pathPattern: "/static/*", targetOriginId: "assets", viewerProtocolPolicy: "https-only", ...methods }],
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { acmCertificateArn: acmArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    };
}

/** The compliant distribution with one change applied to a copy of its inputs. */
export function distribution(name: string, change: (inputs: Record<string, any>) => void = () => undefined, extra: Partial<ResourceState> = {}): ResourceState {
    const inputs = compliantDistribution();
    change(inputs);
    return resource(distributionType, name, inputs, extra);
}
