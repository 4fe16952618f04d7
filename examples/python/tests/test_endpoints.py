"""Data in transit: every endpoint speaks HTTPS with a modern TLS policy and a DNS-validated ACM
certificate from the stack; the load balancer's port 80 only redirects to HTTPS."""
from reference import Registered, Stack

CERTIFICATE = "aws:acm/certificate:Certificate"
VALIDATION = "aws:acm/certificateValidation:CertificateValidation"
LISTENER = "aws:lb/listener:Listener"


def validated_arn(stack: Stack, name: str) -> str:
    """The ARN of the stack's certificate `name`, as its validation hands it on once DNS validates it."""
    validation = stack.one(VALIDATION, name)
    assert validation.inputs["certificateArn"] == stack.one(CERTIFICATE, name).outputs["arn"]
    return validation.outputs["certificateArn"]


def test_every_certificate_is_from_acm_validated_through_dns_records_in_the_stack(stack: Stack) -> None:
    certificates = stack.of_type(CERTIFICATE)
    assert sorted(c.name for c in certificates) == ["cdn", "regional"]
    records = {r.outputs["fqdn"]: r for r in stack.of_type("aws:route53/record:Record")}
    for certificate in certificates:
        assert certificate.inputs["validationMethod"] == "DNS"
        assert certificate.inputs["keyAlgorithm"] == "EC_prime256v1"
        options = certificate.outputs["domainValidationOptions"]
        # One validation record per name, and the validation waits for every one of them.
        assert sorted(stack.one(VALIDATION, certificate.name).inputs["validationRecordFqdns"]) == sorted(o["resourceRecordName"].rstrip(".") for o in options)
        for option in options:
            record = records[option["resourceRecordName"].rstrip(".")].inputs
            assert (record["type"], record["records"]) == (option["resourceRecordType"], [option["resourceRecordValue"]])


def test_cloudfronts_certificate_comes_from_us_east_1(stack: Stack) -> None:
    provider = stack.one("pulumi:providers:aws", "us-east-1")
    assert provider.inputs["region"] == "us-east-1"
    for registered in (stack.one(CERTIFICATE, "cdn"), stack.one(VALIDATION, "cdn")):
        assert registered.provider is not None and "pulumi:providers:aws::us-east-1::" in registered.provider


def listener(stack: Stack, port: int) -> Registered:
    found = [l for l in stack.of_type(LISTENER) if l.inputs["port"] == port]
    assert len(found) == 1, f"expected one listener on port {port}"
    return found[0]


def test_the_load_balancer_listens_on_443_and_80_only(stack: Stack) -> None:
    assert sorted(l.inputs["port"] for l in stack.of_type(LISTENER)) == [80, 443]
    alb = stack.one("aws:lb/loadBalancer:LoadBalancer", "alb").inputs
    assert (alb["dropInvalidHeaderFields"], alb["desyncMitigationMode"]) == (True, "defensive")


def test_443_is_https_with_a_tls_1_3_policy_and_the_stacks_validated_certificate(stack: Stack) -> None:
    https = listener(stack, 443).inputs
    assert (https["protocol"], https["sslPolicy"]) == ("HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06")
    assert https["certificateArn"] == validated_arn(stack, "regional")
    assert [a["type"] for a in https["defaultActions"]] == ["forward"]


def test_port_80_only_redirects_to_https(stack: Stack) -> None:
    http = listener(stack, 80).inputs
    assert http["protocol"] == "HTTP"
    assert http["defaultActions"] == [{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}]
    # No listener rule could forward plain HTTP instead.
    assert stack.of_type("aws:lb/listenerRule:ListenerRule") == []


def test_the_load_balancers_security_group_opens_443_and_80_and_nothing_else(stack: Stack) -> None:
    rules = stack.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    assert sorted((r.inputs["fromPort"], r.inputs["toPort"], r.inputs["ipProtocol"]) for r in rules) == [(80, 80, "tcp")] * 2 + [(443, 443, "tcp")] * 2
    assert "ingress" not in stack.one("aws:ec2/securityGroup:SecurityGroup", "alb").inputs


def test_the_api_is_served_on_its_own_domain_with_tls_1_2_and_no_default_endpoint(stack: Stack) -> None:
    assert stack.one("aws:apigatewayv2/api:Api", "api").inputs["disableExecuteApiEndpoint"] is True
    configuration = stack.one("aws:apigatewayv2/domainName:DomainName", "api").inputs["domainNameConfiguration"]
    assert configuration == {"certificateArn": validated_arn(stack, "regional"), "endpointType": "REGIONAL", "securityPolicy": "TLS_1_2"}


def test_cloudfront_redirects_viewers_to_https_with_tls_1_2_and_the_stacks_certificate(stack: Stack) -> None:
    cdn = stack.one("aws:cloudfront/distribution:Distribution", "cdn").inputs
    assert cdn["defaultCacheBehavior"]["viewerProtocolPolicy"] == "redirect-to-https"
    assert "orderedCacheBehaviors" not in cdn
    assert cdn["viewerCertificate"] == {
        "acmCertificateArn": validated_arn(stack, "cdn"),
        "sslSupportMethod": "sni-only",
        "minimumProtocolVersion": "TLSv1.2_2021",
    }
    # The bucket is reached through origin access control, never as a public website.
    oac = stack.one("aws:cloudfront/originAccessControl:OriginAccessControl", "data")
    assert oac.inputs["signingBehavior"] == "always"
    assert [(o["originId"], o["originAccessControlId"]) for o in cdn["origins"]] == [("data", oac.id)]
