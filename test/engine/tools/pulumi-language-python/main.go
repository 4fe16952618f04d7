// Command pulumi-language-python is this project's stand-in for Pulumi's Python language host,
// used only by `npm run test:engine`, for the same reason as the Node.js one
// (../pulumi-language-nodejs/main.go): the Go module proxy answers every version of
// github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 with "403 Forbidden", and the
// script Pulumi's host runs programs with ships with the CLI, not in a module.
//
// What it does: Run starts the program's interpreter (the `virtualenv` runtime option of
// Pulumi.yaml, relative to the project folder, else `python3` on PATH) on run_program.py, with the
// monitor, engine, organization, project, stack, root and working directories, dry-run flag and
// parallelism as arguments, the stack configuration in PULUMI_CONFIG and the secret keys in
// PULUMI_CONFIG_SECRET_KEYS; run_program.py configures the SDK's runtime and runs the program as
// `__main__`. Exit code 32 means the program already reported its error.
//
// What it does not do: create or install the virtualenv (the test creates it from pinned
// requirements), the `toolchain` option (poetry, uv), report required plugins, type checkers,
// debugging, policy packs written in Python, code generation or About.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

//go:embed run_program.py
var runProgram string

const exitAfterUserMessage = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	flag.String("tracing", "", "ignored: tracing is not supported by this stand-in")
	flag.String("root", "", "ignored")
	flag.Parse()
	engineAddress := ""
	if flag.NArg() > 0 {
		engineAddress = flag.Arg(0)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{engineAddress: engineAddress})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.0-stand-in"}, nil
}

// interpreter is the program's Python: its virtualenv's, else python3 on PATH.
func interpreter(info *pulumirpc.ProgramInfo) (string, error) {
	virtualenv, set := info.GetOptions().AsMap()["virtualenv"]
	if !set {
		return "python3", nil
	}
	dir, isString := virtualenv.(string)
	if !isString {
		return "", errors.New("the runtime option virtualenv must be a string")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(info.GetRootDirectory(), dir)
	}
	python := filepath.Join(dir, "bin", "python")
	if _, err := os.Stat(python); err != nil {
		return "", fmt.Errorf("the virtualenv %s has no bin/python: create it and install the program's requirements", dir)
	}
	return python, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	python, err := interpreter(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := []string{"-u", "-c", runProgram}
	flagIfSet := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIfSet("monitor", req.GetMonitorAddress())
	flagIfSet("engine", h.engineAddress)
	flagIfSet("project", req.GetProject())
	flagIfSet("root_directory", info.GetRootDirectory())
	flagIfSet("stack", req.GetStack())
	flagIfSet("pwd", req.GetPwd())
	flagIfSet("dry_run", strconv.FormatBool(req.GetDryRun()))
	flagIfSet("parallel", strconv.Itoa(int(req.GetParallel())))
	flagIfSet("organization", req.GetOrganization())
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	configJSON, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterUserMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", python, err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}
