"""HTTPS-only endpoints in front of the data.

A load balancer and an HTTP API for the function, and a CloudFront distribution serving the bucket
privately. Every certificate comes from ACM, is validated through DNS in the stack (so nothing
waits for a person), and is attached.
"""
from dataclasses import dataclass
from typing import Optional

import pulumi
import pulumi_aws as aws


def validated_certificate(
    name: str, domains: list[str], zone_id: str, opts: Optional[pulumi.ResourceOptions] = None
) -> aws.acm.CertificateValidation:
    """An ACM certificate for some names, validated through DNS records in the hosted zone."""
    certificate = aws.acm.Certificate(
        name,
        domain_name=domains[0],
        subject_alternative_names=domains[1:],
        validation_method="DNS",
        key_algorithm="EC_prime256v1",
        opts=opts,
    )
    records = []
    for i, domain in enumerate(domains):
        option = certificate.domain_validation_options.apply(lambda options, domain=domain: next(o for o in options if o.domain_name == domain))
        records.append(
            aws.route53.Record(
                f"{name}-validation-{i}",
                zone_id=zone_id,
                name=option.resource_record_name,
                type=option.resource_record_type,
                records=[option.resource_record_value],
                ttl=60,
                allow_overwrite=True,
            )
        )
    return aws.acm.CertificateValidation(
        name,
        certificate_arn=certificate.arn,
        validation_record_fqdns=[r.fqdn for r in records],
        opts=opts,
    )


def _alias(name: str, zone_id: str, domain: str, target_name: pulumi.Input[str], target_zone_id: pulumi.Input[str]) -> aws.route53.Record:
    return aws.route53.Record(
        name,
        zone_id=zone_id,
        name=domain,
        type="A",
        aliases=[{"name": target_name, "zone_id": target_zone_id, "evaluate_target_health": False}],
    )


@dataclass(frozen=True)
class FunctionEndpointsArgs:
    prefix: str
    region: str
    account_id: str
    zone_id: str
    app_domain: str
    api_domain: str
    vpc_id: str
    subnet_ids: list[str]
    fn: aws.lambda_.Function


def load_balancer(args: FunctionEndpointsArgs, certificate: aws.acm.CertificateValidation) -> aws.lb.LoadBalancer:
    """The load balancer: HTTPS on 443 with a TLS 1.3 policy, and a port-80 listener that only redirects.

    The port-80 listener's only job is a permanent redirect to HTTPS, so that people typing the
    bare name still end up encrypted. Its security group opens 443 and 80 to the world and nothing
    else; port 80 is acceptable only because every port-80 listener of every load balancer using
    the group redirects.
    """
    group = aws.ec2.SecurityGroup(
        "alb",
        name=f"{args.prefix}-alb",
        description="Load balancer: HTTPS, and HTTP only to redirect to HTTPS",
        vpc_id=args.vpc_id,
    )
    for port in (443, 80):
        for family, cidr in (("ipv4", "0.0.0.0/0"), ("ipv6", "::/0")):
            aws.vpc.SecurityGroupIngressRule(
                f"alb-{port}-{family}",
                security_group_id=group.id,
                ip_protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_ipv4=cidr if family == "ipv4" else None,
                cidr_ipv6=cidr if family == "ipv6" else None,
                description="HTTPS" if port == 443 else "HTTP, redirected to HTTPS by the listener",
            )
    lb = aws.lb.LoadBalancer(
        "alb",
        name=f"{args.prefix}-alb",
        load_balancer_type="application",
        internal=False,
        ip_address_type="dualstack",
        security_groups=[group.id],
        subnets=args.subnet_ids,
        # Header fields with invalid names are dropped, and ambiguous (desync) requests blocked,
        # rather than passed to the function for it to interpret differently.
        drop_invalid_header_fields=True,
        desync_mitigation_mode="defensive",
    )
    targets = aws.lb.TargetGroup("api", name=f"{args.prefix}-api", target_type="lambda")
    permission = aws.lambda_.Permission(
        "alb-invoke",
        action="lambda:InvokeFunction",
        function=args.fn.name,
        principal="elasticloadbalancing.amazonaws.com",
        source_arn=targets.arn,
    )
    aws.lb.TargetGroupAttachment(
        "api",
        target_group_arn=targets.arn,
        target_id=args.fn.arn,
        opts=pulumi.ResourceOptions(depends_on=[permission]),
    )
    aws.lb.Listener(
        "https",
        load_balancer_arn=lb.arn,
        port=443,
        protocol="HTTPS",
        ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn=certificate.certificate_arn,
        default_actions=[{"type": "forward", "target_group_arn": targets.arn}],
    )
    aws.lb.Listener(
        "http-redirect",
        load_balancer_arn=lb.arn,
        port=80,
        protocol="HTTP",
        default_actions=[{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}],
    )
    _alias("app", args.zone_id, args.app_domain, lb.dns_name, lb.zone_id)
    return lb


def http_api(args: FunctionEndpointsArgs, certificate: aws.acm.CertificateValidation) -> aws.apigatewayv2.Api:
    """An HTTP API on its own domain (TLS 1.2 minimum); the default execute-api endpoint is off."""
    api = aws.apigatewayv2.Api("api", name=f"{args.prefix}-api", protocol_type="HTTP", disable_execute_api_endpoint=True)
    integration = aws.apigatewayv2.Integration(
        "api",
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_uri=args.fn.arn,
        payload_format_version="2.0",
    )
    aws.apigatewayv2.Route("api", api_id=api.id, route_key="ANY /{proxy+}", target=pulumi.Output.concat("integrations/", integration.id))
    stage = aws.apigatewayv2.Stage("api", api_id=api.id, name="$default", auto_deploy=True)
    aws.lambda_.Permission(
        "api-invoke",
        action="lambda:InvokeFunction",
        function=args.fn.name,
        principal="apigateway.amazonaws.com",
        source_arn=pulumi.Output.concat(api.execution_arn, "/*/*"),
    )
    domain = aws.apigatewayv2.DomainName(
        "api",
        domain_name=args.api_domain,
        domain_name_configuration={"certificate_arn": certificate.certificate_arn, "endpoint_type": "REGIONAL", "security_policy": "TLS_1_2"},
    )
    aws.apigatewayv2.ApiMapping("api", api_id=api.id, domain_name=domain.id, stage=stage.id)
    configuration = domain.domain_name_configuration
    _alias("api", args.zone_id, args.api_domain, configuration.target_domain_name, configuration.hosted_zone_id)
    return api


def distribution(prefix: str, zone_id: str, domain: str, bucket: aws.s3.Bucket, certificate: aws.acm.CertificateValidation) -> aws.cloudfront.Distribution:
    """CloudFront in front of the private bucket.

    Origin access control signs every request to S3 (the bucket allows only this distribution),
    viewers are redirected to HTTPS, and the custom domain is served with an ACM certificate from
    us-east-1 (where CloudFront requires it) and TLS 1.2 at least.
    """
    oac = aws.cloudfront.OriginAccessControl(
        "data",
        name=f"{prefix}-data",
        description="Signs CloudFront's requests to the data bucket",
        origin_access_control_origin_type="s3",
        signing_behavior="always",
        signing_protocol="sigv4",
    )
    cdn = aws.cloudfront.Distribution(
        "cdn",
        enabled=True,
        comment=f"{prefix} private data bucket",
        aliases=[domain],
        is_ipv6_enabled=True,
        http_version="http2and3",
        price_class="PriceClass_100",
        default_root_object="index.html",
        origins=[{"origin_id": "data", "domain_name": bucket.bucket_regional_domain_name, "origin_access_control_id": oac.id}],
        default_cache_behavior={
            "target_origin_id": "data",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            # The AWS managed CachingOptimized policy.
            "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            "compress": True,
        },
        viewer_certificate={
            "acm_certificate_arn": certificate.certificate_arn,
            "ssl_support_method": "sni-only",
            "minimum_protocol_version": "TLSv1.2_2021",
        },
        restrictions={"geo_restriction": {"restriction_type": "none"}},
    )
    _alias("cdn", zone_id, domain, cdn.domain_name, cdn.hosted_zone_id)
    return cdn
