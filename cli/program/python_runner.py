# Runs one Pulumi Python program under the Pulumi Python SDK's own mocks, with the program's own
# interpreter and packages, and records every resource registration as the engine receives it:
# the RegisterResourceRequest itself (inputs with secret envelopes and preview unknowns, parent,
# dependencies, property dependencies, provider, source position), which the SDK's mock monitor
# would reduce to deserialized inputs. What the offline run answers for the cloud (resource
# outputs, data sources) is asked of the Node.js side (python.ts), which answers with the same
# code as for Node.js programs, so that both give the same findings for the same program.
#
# Protocol: one JSON object per line. This script writes to file descriptor 3: `resource`
# (a captured registration), `newResource`, `answers`, `call` and `partlyKnownPolicyDocument` (questions,
# answered by one line on standard input), then one last `done`, `error` or `missing`. The program's own standard output
# and error are its own.
import inspect
import json
import os
import runpy
import sys
import threading
import traceback

messages = os.fdopen(3, "w", buffering=1, encoding="utf-8")
answers = sys.stdin
lock = threading.Lock()


def send(message):
    with lock:
        messages.write(json.dumps(message, default=str) + "\n")


def ask(message):
    """A question to the Node.js side and its answer; the SDK calls the monitor from several threads."""
    with lock:
        messages.write(json.dumps(message, default=plain) + "\n")
        line = answers.readline()
    if line == "":
        os._exit(1)
    return json.loads(line)


def plain(value):
    """Values JSON does not know (assets, resources) are of no use to the questions: their text."""
    return str(value)


request = json.loads(os.environ.pop("SECURE_BASELINE_REQUEST"))

# The packages the program needs: without them nothing can be checked (python.ts words the message).
try:
    import pulumi
    import pulumi.runtime
except ImportError:
    send({"kind": "missing", "package": "pulumi"})
    os._exit(0)
import importlib
import importlib.util

if importlib.util.find_spec("pulumi_aws") is None:
    send({"kind": "missing", "package": "pulumi_aws"})
    os._exit(0)

import asyncio

from google.protobuf import json_format
from pulumi import _types
from pulumi import output as output_module
from pulumi.runtime import mocks, rpc, settings
from pulumi.runtime.stack import run_in_stack

# `pulumi.runtime.invoke` is also the name of a function the package exports.
invoke_module = importlib.import_module("pulumi.runtime.invoke")

preview = request["preview"]
program_dir = request["dir"]


def to_json(struct):
    """A protobuf Struct as JSON, as the engine hands it to an analyzer (envelopes and unknowns kept)."""
    return json_format.MessageToDict(struct) if struct is not None else {}


invoke_answer = threading.local()


class CapturingMonitor(mocks.MockMonitor):
    """The SDK's mock monitor, which also hands each registration request to the Node.js side."""

    stack_urn = ""

    def make_urn(self, parent, type_, name):
        """URNs as the Node.js SDK's mocks make them, so that both runtimes name resources alike: the root stack is no parent."""
        if parent and parent != self.stack_urn:
            type_ = parent.split("::")[2].split("$").pop() + "$" + type_
        return f"urn:pulumi:{request['stack']}::{request['project']}::{type_}::{name}"

    def RegisterResource(self, req):
        response = super().RegisterResource(req)
        if req.type == "pulumi:pulumi:Stack":
            self.stack_urn = response.urn
            return response
        position = req.sourcePosition if req.HasField("sourcePosition") else None
        send(
            {
                "kind": "resource",
                "urn": response.urn,
                "type": req.type,
                "name": req.name,
                "custom": req.custom,
                "id": response.id,
                "inputs": to_json(req.object),
                "outputs": to_json(response.object),
                "parent": req.parent if req.parent != self.stack_urn else "",
                "dependencies": list(req.dependencies),
                "propertyDependencies": {k: list(v.urns) for k, v in req.propertyDependencies.items()},
                "provider": req.provider,
                "remote": req.remote,
                "version": req.version,
                "sourcePosition": {"uri": position.uri, "line": position.line, "column": position.column} if position and position.uri else None,
            }
        )
        return response

    def Invoke(self, req):
        if req.tok == "pulumi:pulumi:getResource":
            return super().Invoke(req)
        # Only the data sources the Node.js side answers get here (see offline_invoke). The SDK's
        # monitor asks the mocks on this thread, which answer with this.
        invoke_answer.value = ask({"kind": "call", "token": req.tok, "inputs": to_json(req.args), "provider": req.provider or None})["answer"]
        return super().Invoke(req)


class Mocks(pulumi.runtime.Mocks):
    """At preview, only the program's inputs (computed outputs unknown); else plausible outputs from Node.js."""

    def new_resource(self, args):
        if preview:
            return "", args.inputs
        answer = ask({"kind": "newResource", "type": args.typ, "name": args.name, "inputs": args.inputs, "provider": args.provider or None})
        return answer["id"], {**args.inputs, **answer["outputs"]}

    def call(self, args):
        return invoke_answer.value, []


def unknown_result(typ):
    """
    A plain data source's result the offline run does not model, as unknown as Python allows: each
    field the engine's unknown marker, a list field a list of them (as many as for Node.js programs:
    mocks.ts unknownListLength), a field of another type (bool, number, dict) absent.
    """
    if typ is None:
        return None
    fields = {name: rpc.UNKNOWN for name in inspect.signature(typ.__init__).parameters if name not in ("self", "__self__")}
    # The generated result types check each field's type; each field is changed at most once.
    while True:
        try:
            return typ(**fields)
        except TypeError as e:
            parts = str(e).split("'")
            name = parts[1] if len(parts) >= 3 else None
            if name not in fields or fields[name] is not rpc.UNKNOWN:
                raise
            fields[name] = [rpc.UNKNOWN] * request["unknownListLength"] if "to be a list" in str(e) else None


original_invoke = invoke_module._invoke


async def offline_invoke(tok, props, opts, typ, package_ref=None, check_dependencies=False):
    """
    A data source the Node.js side does not answer (it records which) is unknown, as at a preview
    whose inputs are unknown: the output form an unknown Output, the plain form unknown fields.
    """
    inputs = await rpc.serialize_properties(props, {})
    if not rpc.struct_contains_unknowns(inputs) and not ask({"kind": "answers", "token": tok, "inputs": to_json(inputs)})["answers"]:
        if check_dependencies:
            return invoke_module.InvokeResult(None, is_secret=False, is_known=False)
        return invoke_module.InvokeResult(unknown_result(typ), is_secret=False, is_known=True)
    return await original_invoke(tok, props, opts, typ, package_ref, check_dependencies)


invoke_module._invoke = offline_invoke


def keep_known_structure():
    """
    At preview the SDK makes `Output.json_dumps` of a value with any unknown part, and
    `get_policy_document_output` given one, unknown as a whole. As for Node.js programs
    (known-structure.ts), a document the program wrote as a dict or list keeps what the program
    wrote, each unknown part the engine's unknown marker, which the policies read as unknown value
    by value.
    """
    Output = pulumi.Output
    json_dumps = Output.json_dumps

    async def marked(value, state):
        if isinstance(value, Output):
            data = await value._data
            state["resources"].update(data.resources)
            state["secret"] = state["secret"] or data.is_secret
            if not data.is_known:
                state["unknown"] = True
                return rpc.UNKNOWN
            return await marked(data.value, state)
        if _types.is_input_type(type(value)):
            value = _types.input_type_to_dict(value)
        if isinstance(value, dict):
            return {k: await marked(v, state) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [await marked(v, state) for v in value]
        if isinstance(value, output_module.Unknown):
            state["unknown"] = True
            return rpc.UNKNOWN
        if asyncio.isfuture(value) or asyncio.iscoroutine(value):
            return await marked(await value, state)
        return value

    def structured_json_dumps(obj, **kw):
        if isinstance(obj, Output) or not isinstance(obj, (dict, list, tuple)):
            return json_dumps(obj, **kw)

        async def run():
            state = {"resources": set(), "secret": False, "unknown": False}
            value = await marked(obj, state)
            if not state["unknown"]:
                return await json_dumps(obj, **kw)._data
            return output_module._OutputData(resources=state["resources"], value=json.dumps(value, **kw), is_known=True, is_secret=state["secret"])

        return Output._from_data(asyncio.ensure_future(run()))

    Output.json_dumps = staticmethod(structured_json_dumps)

    # aws.iam.get_policy_document_output given an unknown value (a bucket's ARN): the document is
    # rendered with the unknown parts marked, by the same code as for Node.js programs.
    invoke_output = invoke_module.invoke_output

    def structured_invoke_output(tok, props, opts=None, typ=None, package_ref=None):
        if tok != "aws:iam/getPolicyDocument:getPolicyDocument":
            return invoke_output(tok, props, opts, typ, package_ref)

        async def run():
            state = {"resources": set(), "secret": False, "unknown": False}
            value = await marked(props, state)
            if state["unknown"]:
                json_text = ask({"kind": "partlyKnownPolicyDocument", "inputs": value})["json"]
                if json_text is not None:
                    minified = json.dumps(json.loads(json_text), separators=(",", ":"))
                    result = typ(json=json_text, minified_json=minified, id=str(len(json_text))) if typ else {"json": json_text, "minifiedJson": minified, "id": str(len(json_text))}
                    return output_module._OutputData(resources=state["resources"], value=result, is_known=True, is_secret=state["secret"])
            return await invoke_output(tok, props, opts, typ, package_ref)._data

        return Output._from_data(asyncio.ensure_future(run()))

    pulumi.runtime.invoke_output = structured_invoke_output


def describe_error(error):
    """The program's own error: its message, the innermost frame in its folder, the missing config key."""
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if os.path.abspath(f.filename).startswith(program_dir + os.sep) and os.sep + "site-packages" + os.sep not in f.filename
    ]
    message = f"the program exited with code {error.code}" if isinstance(error, SystemExit) else str(error) or type(error).__name__
    result = {"kind": "error", "message": message}
    if frames:
        result["location"] = f"{os.path.relpath(frames[-1].filename, program_dir)}:{frames[-1].lineno}"
    if type(error).__name__ == "ConfigMissingError" and isinstance(getattr(error, "key", None), str):
        result["missingConfig"] = {"key": error.key, "secret": getattr(error, "secret", False) is True}
    return result


def fill_required_config():
    """
    --placeholder-config: `require`, `require_int`, `require_float`, `require_bool` and
    `require_object` of a key without a value answer a placeholder (as for Node.js programs:
    capture-child.ts); the secret forms still fail.
    """
    placeholders = []
    fills = {
        "require": lambda key: f"placeholder-{key}",
        "require_int": lambda key: 1,
        "require_float": lambda key: 1,
        "require_bool": lambda key: False,
        "require_object": lambda key: {},
    }
    for method, placeholder in fills.items():
        original = getattr(pulumi.Config, method)

        def filled(self, key, *rest, _original=original, _placeholder=placeholder, **kw):
            try:
                return _original(self, key, *rest, **kw)
            except pulumi.ConfigMissingError as e:
                if e.secret:
                    raise
                value = _placeholder(key)
                if not any(p["key"] == e.key for p in placeholders):
                    placeholders.append({"key": e.key, "value": value})
                return value

        setattr(pulumi.Config, method, filled)
    return placeholders


def main():
    os.chdir(program_dir)
    main_setting = request["main"]
    entry = os.path.join(program_dir, main_setting)
    if os.path.isdir(entry):
        sys.path.insert(0, entry)
        entry = os.path.join(entry, "__main__.py")
    else:
        sys.path.insert(0, os.path.dirname(entry))
    placeholders = fill_required_config() if request.get("placeholderConfig") else []
    if preview:
        keep_known_structure()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    settings.configure(
        mocks.MockSettings(
            monitor=CapturingMonitor(Mocks()),
            engine=mocks.MockEngine(None),
            project=request["project"],
            stack=request["stack"],
            dry_run=preview,
            organization=request["organization"],
        )
    )
    try:
        loop.run_until_complete(run_in_stack(lambda: runpy.run_path(entry, run_name="__main__")))
    except BaseException as e:  # noqa: BLE001 the program's own error, reported as its own
        if isinstance(e, SystemExit) and not e.code:
            send({"kind": "done", "placeholders": placeholders})
            return
        send({**describe_error(e), "placeholders": placeholders})
        return
    send({"kind": "done", "placeholders": placeholders})


main()
messages.flush()
os._exit(0)
