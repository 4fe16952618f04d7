// TLS on every endpoint of the reference stack, as registered: the load balancer serves HTTPS
// with a TLS 1.3 policy and answers port 80 only with a redirect; CloudFront redirects viewers to
// HTTPS with TLS 1.2 at least and a us-east-1 certificate; the API's custom domain requires TLS
// 1.2 and its default endpoint is off. Every certificate is ACM's, DNS-validated in the stack.
import { expect } from "chai";
import { ResourceState } from "../../policy-pack/lib/runner";
import { ofType, one, output, referenceStack } from "./reference";

describe("reference stack: encryption in transit", function () {
    this.timeout(60000);
    let stack: ResourceState[];
    /** The ARN each certificate validation hands on, by certificate name. */
    const validated = new Map<string, string>();

    before(async () => {
        stack = await referenceStack();
        for (const v of ofType(stack, "aws:acm/certificateValidation:CertificateValidation")) {
            validated.set(v.name!, v.inputs.certificateArn as string);
        }
    });

    it("requests every certificate from ACM with DNS validation, and validates each in the stack", () => {
        const certificates = ofType(stack, "aws:acm/certificate:Certificate");
        expect(certificates.map((c) => c.name)).to.have.members(["regional", "cdn"]);
        for (const c of certificates) {
            expect(c.inputs, c.name).to.include({ validationMethod: "DNS" });
            expect(c.inputs, c.name).not.to.have.any.keys("certificateBody", "privateKey");
            expect(validated.get(c.name!), c.name).to.equal(output(c, "arn"));
        }
        expect(stack.filter((r) => r.type === "aws:iam/serverCertificate:ServerCertificate" || r.type.startsWith("tls:"))).to.deep.equal([]);
    });

    describe("load balancer", () => {
        let listeners: ResourceState[];
        before(() => {
            const lb = one(stack, "aws:lb/loadBalancer:LoadBalancer", "alb");
            listeners = ofType(stack, "aws:lb/listener:Listener");
            expect(listeners.map((l) => l.inputs.loadBalancerArn)).to.deep.equal(listeners.map(() => output(lb, "arn")));
        });

        it("serves HTTPS on 443 with a TLS 1.3 policy and the validated regional certificate", () => {
            const https = listeners.filter((l) => l.inputs.protocol === "HTTPS");
            expect(https.map((l) => l.name)).to.deep.equal(["https"]);
            expect(https[0].inputs).to.include({ port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: validated.get("regional") });
        });

        it("has no plain listener but the one on port 80, whose only action is a permanent redirect to HTTPS", () => {
            const plain = listeners.filter((l) => l.inputs.protocol !== "HTTPS");
            expect(plain.map((l) => [l.name, l.inputs.port, l.inputs.protocol])).to.deep.equal([["http-redirect", 80, "HTTP"]]);
            expect(plain[0].inputs.defaultActions).to.deep.equal([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
            // A listener rule could still forward plain requests past the redirect.
            expect(ofType(stack, "aws:lb/listenerRule:ListenerRule")).to.deep.equal([]);
        });

        it("opens only 443 and 80 to the internet, on a group only the load balancer uses", () => {
            const group = one(stack, "aws:ec2/securityGroup:SecurityGroup", "alb");
            expect(group.inputs).not.to.have.any.keys("ingress", "egress");
            const rules = ofType(stack, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            expect(rules.map((r) => `${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort} ${r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6}`).sort()).to.deep.equal([
                "tcp/443-443 0.0.0.0/0",
                "tcp/443-443 ::/0",
                "tcp/80-80 0.0.0.0/0",
                "tcp/80-80 ::/0",
            ]);
            expect(rules.every((r) => r.inputs.securityGroupId === output(group, "id"))).to.equal(true);
            const users = stack.filter((r) => r !== group && !r.type.startsWith("aws:vpc/") && JSON.stringify(r.inputs).includes(output(group, "id")));
            expect(users.map((r) => r.type)).to.deep.equal(["aws:lb/loadBalancer:LoadBalancer"]);
        });
    });

    describe("CloudFront", () => {
        let cdn: ResourceState;
        before(() => {
            cdn = one(stack, "aws:cloudfront/distribution:Distribution", "cdn");
        });

        it("redirects viewers to HTTPS in every cache behaviour", () => {
            expect((cdn.inputs.defaultCacheBehavior as Record<string, unknown>).viewerProtocolPolicy).to.equal("redirect-to-https");
            for (const b of (cdn.inputs.orderedCacheBehaviors as Record<string, unknown>[] | undefined) ?? []) {
                expect(b.viewerProtocolPolicy).to.be.oneOf(["redirect-to-https", "https-only"]);
            }
        });

        it("serves its alias with the validated us-east-1 certificate, SNI, and TLS 1.2 at least", () => {
            expect(cdn.inputs.viewerCertificate).to.deep.equal({ acmCertificateArn: validated.get("cdn"), sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
            const certificate = one(stack, "aws:acm/certificate:Certificate", "cdn");
            expect(certificate.inputs.domainName).to.equal((cdn.inputs.aliases as string[])[0]);
            // CloudFront takes certificates from us-east-1 only: the certificate names a provider pinned there.
            expect(certificate.provider?.inputs.region).to.equal("us-east-1");
            expect(output(certificate, "arn")).to.match(/^arn:aws:acm:us-east-1:/);
        });

        it("reaches the bucket through origin access control, not a public or plain-HTTP origin", () => {
            const oac = one(stack, "aws:cloudfront/originAccessControl:OriginAccessControl", "data");
            expect(oac.inputs).to.include({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
            const origins = cdn.inputs.origins as Record<string, unknown>[];
            expect(origins).to.have.length(1);
            expect(origins[0]).to.include({ originAccessControlId: output(oac, "id") });
            expect(origins[0]).not.to.have.property("customOriginConfig");
            expect(origins[0].domainName).to.match(/\.s3\.us-east-1\.amazonaws\.com$/);
        });
    });

    describe("API Gateway", () => {
        it("serves its custom domain with the validated regional certificate and TLS 1.2", () => {
            const domain = one(stack, "aws:apigatewayv2/domainName:DomainName", "api");
            expect(domain.inputs.domainNameConfiguration).to.deep.equal({ certificateArn: validated.get("regional"), endpointType: "REGIONAL", securityPolicy: "TLS_1_2" });
        });

        it("turns off the default execute-api endpoint, so the API is reached only through that domain", () => {
            expect(one(stack, "aws:apigatewayv2/api:Api", "api").inputs).to.include({ protocolType: "HTTP", disableExecuteApiEndpoint: true });
        });

        it("calls the function through a Lambda proxy integration, not an HTTP backend", () => {
            const integration = one(stack, "aws:apigatewayv2/integration:Integration", "api");
            expect(integration.inputs).to.include({ integrationType: "AWS_PROXY", integrationUri: output(one(stack, "aws:lambda/function:Function", "api"), "arn") });
        });
    });
});
