"""The reference stack under Pulumi's Python mocks.

The program runs as `pulumi up` runs it (every value known), with the stack's own configuration
from Pulumi.dev.yaml; the mocks play AWS: each resource gets back its inputs plus the identities
AWS would give it (ids, ARNs, DNS names, certificate validation records), and the two invokes the
program makes (caller identity, region) are answered. Every resource the program registers is
recorded with its inputs, so the tests assert what the program declares.
"""
import json
import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pulumi
import yaml

PROGRAM_DIR = Path(__file__).resolve().parent.parent
PROJECT = yaml.safe_load((PROGRAM_DIR / "Pulumi.yaml").read_text())["name"]
STACK = "dev"
ACCOUNT = "123456789012"
REGION = "us-east-1"
PREFIX = f"{PROJECT}-{STACK}"


@dataclass
class Registered:
    """One resource as the program registered it."""

    type: str
    name: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    provider: Optional[str]
    custom: bool


class ReferenceMocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.resources: list[Registered] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[Optional[str], dict]:
        inputs = dict(args.inputs)
        rid, computed = self._identity(args.typ, args.name, inputs)
        outputs = {**inputs, **computed}
        self.resources.append(Registered(args.typ, args.name, rid, inputs, outputs, args.provider, bool(args.custom)))
        return rid, outputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, Optional[list[tuple[str, str]]]]:
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {"accountId": ACCOUNT, "arn": f"arn:aws:iam::{ACCOUNT}:user/ci", "userId": "AIDAEXAMPLE", "id": ACCOUNT}, []
        if args.token == "aws:index/getRegion:getRegion":
            return {"region": REGION, "name": REGION, "id": REGION, "endpoint": f"ec2.{REGION}.amazonaws.com", "description": "US East (N. Virginia)"}, []
        raise AssertionError(f"the reference stack calls {args.token}, which these mocks do not answer")

    @staticmethod
    def _identity(typ: str, name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The id and the outputs AWS would compute for a resource (only those the program reads or the tests name)."""
        rid = f"{name}-id"
        if typ == "aws:kms/key:Key":
            rid = "1234abcd-12ab-34cd-56ef-1234567890ab"
            return rid, {"keyId": rid, "arn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{rid}"}
        if typ == "aws:s3/bucket:Bucket":
            bucket = inputs["bucket"]
            return bucket, {"arn": f"arn:aws:s3:::{bucket}", "bucketRegionalDomainName": f"{bucket}.s3.{REGION}.amazonaws.com"}
        if typ == "aws:iam/role:Role":
            return inputs["name"], {"arn": f"arn:aws:iam::{ACCOUNT}:role/{inputs['name']}"}
        if typ == "aws:cloudwatch/logGroup:LogGroup":
            return inputs["name"], {"arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{inputs['name']}"}
        if typ == "aws:lambda/function:Function":
            return inputs["name"], {"arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{inputs['name']}"}
        if typ == "aws:acm/certificate:Certificate":
            domains = [inputs["domainName"], *inputs.get("subjectAlternativeNames", [])]
            options = [
                {
                    "domainName": d,
                    "resourceRecordName": f"_0123456789abcdef.{d}.",
                    "resourceRecordType": "CNAME",
                    "resourceRecordValue": f"_fedcba9876543210.{name}.acm-validations.aws.",
                }
                for d in domains
            ]
            return rid, {"arn": f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/{name}", "domainValidationOptions": options}
        if typ == "aws:route53/record:Record":
            return rid, {"fqdn": inputs["name"].rstrip(".")}
        if typ in ("aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup"):
            kind = "loadbalancer/app" if typ.endswith("LoadBalancer") else "targetgroup"
            return rid, {
                "arn": f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:{kind}/{inputs['name']}/50dc6c495c0c9188",
                "dnsName": f"{inputs['name']}-1234567890.{REGION}.elb.amazonaws.com",
                "zoneId": "Z35SXDOTRQ7X7K",
            }
        if typ == "aws:apigatewayv2/api:Api":
            rid = "a1b2c3d4e5"
            return rid, {"executionArn": f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{rid}"}
        if typ == "aws:apigatewayv2/domainName:DomainName":
            configuration = {**inputs["domainNameConfiguration"], "targetDomainName": f"d-abcdef0123.execute-api.{REGION}.amazonaws.com", "hostedZoneId": "Z1UJRXOUMOOFQ8"}
            return inputs["domainName"], {"domainNameConfiguration": configuration}
        if typ == "aws:cloudfront/distribution:Distribution":
            rid = "E2QWRUHAPOMQZL"
            return rid, {"arn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/{rid}", "domainName": "d111111abcdef8.cloudfront.net", "hostedZoneId": "Z2FDTNDATAQYW2"}
        if typ == "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return rid, {"arn": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{inputs['url'].removeprefix('https://')}"}
        return rid, {}


def stack_config() -> dict[str, str]:
    """The stack's configuration from its Pulumi.dev.yaml, as the engine passes it to the program (objects as JSON)."""
    values = yaml.safe_load((PROGRAM_DIR / f"Pulumi.{STACK}.yaml").read_text())["config"]
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in values.items()}


class Stack:
    """Finders over the registered resources that fail with the resources' names when a lookup does not match."""

    def __init__(self, registered: list[Registered]) -> None:
        self.all = registered

    def of_type(self, typ: str) -> list[Registered]:
        return [r for r in self.all if r.type == typ]

    def one(self, typ: str, name: str) -> Registered:
        found = [r for r in self.of_type(typ) if r.name == name]
        assert len(found) == 1, f"expected one {typ} named {name}, found {[r.name for r in self.of_type(typ)]}"
        return found[0]


def statements(value: str) -> list[dict[str, Any]]:
    """A policy document's statements (the document as JSON text), always as a list."""
    found = json.loads(value)["Statement"]
    return found if isinstance(found, list) else [found]


def as_list(value: Any) -> list[Any]:
    """An Action, Resource or condition value, always as a list."""
    return value if isinstance(value, list) else [value]


def run_program() -> list[Registered]:
    """Every resource the program registers, run as `pulumi up` runs it, with the stack's configuration."""
    mocks = ReferenceMocks()
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack=STACK, preview=False)
    pulumi.runtime.set_all_config(stack_config())

    @pulumi.runtime.test
    def run() -> None:
        runpy.run_path(str(PROGRAM_DIR), run_name="__main__")

    run()
    return mocks.resources
