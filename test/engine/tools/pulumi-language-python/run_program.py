# How the Python stand-in host runs a program, in the program's interpreter: the stack's
# configuration and the engine's addresses go to the SDK's runtime settings, then the program runs
# as `__main__` inside the SDK's stack, as a Pulumi Python program expects. Exit code 32 tells the
# host that the error was already reported to the engine.
import argparse
import asyncio
import os
import runpy
import sys
import traceback

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(
        f"the Pulumi SDK is not installed for {sys.executable}: "
        "run pip install -r requirements.txt in the program's virtualenv",
        file=sys.stderr,
    )
    sys.exit(1)

ERROR_ALREADY_REPORTED = 32

parser = argparse.ArgumentParser()
for name in ("monitor", "engine", "project", "root_directory", "stack", "pwd", "dry_run", "parallel", "organization"):
    parser.add_argument(f"--{name}")
parser.add_argument("program")
parser.add_argument("args", nargs="*")
options = parser.parse_args()

pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
pulumi.runtime.configure(
    pulumi.runtime.Settings(
        monitor=options.monitor,
        engine=options.engine,
        project=options.project,
        stack=options.stack,
        parallel=int(options.parallel or 0),
        dry_run=options.dry_run == "true",
        organization=options.organization,
        root_directory=options.root_directory,
    )
)
sys.argv = [options.program] + options.args
if options.pwd:
    os.chdir(options.pwd)

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
exit_code = 1
try:
    loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(options.program, run_name="__main__")))
    exit_code = 0
except pulumi.RunError as error:
    pulumi.log.error(str(error))
except KeyboardInterrupt:
    # The engine interrupts a run it stops, e.g. a preview that a mandatory policy failed.
    pass
except Exception:
    pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
    exit_code = ERROR_ALREADY_REPORTED
finally:
    loop.close()
    sys.stdout.flush()
    sys.stderr.flush()
sys.exit(exit_code)
