// Command pulumi-language-nodejs is this project's stand-in for Pulumi's Node.js language host,
// used only by `npm run test:engine`.
//
// Why a stand-in: Pulumi's own host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which carries no release
// tags, and the Go module proxy these machines reach answers every version of it, including the
// pseudo-version of the release commit, with "403 Forbidden: This module version is not
// available". The engine, the CLI and every Pulumi package this host uses come from the real
// modules (github.com/pulumi/pulumi/pkg/v3 and sdk/v3); only the small launcher below is ours.
//
// What it does, as the language host protocol asks of a host:
//   - Run: starts `node @pulumi/pulumi/cmd/run` (resolved from the program's directory, as
//     require() resolves it) with the monitor, engine, organization, project, stack, root and
//     program directories, dry-run flag and parallelism as arguments, the stack configuration in
//     PULUMI_CONFIG (keys in the `<namespace>:config:<name>` form the SDK expects) and the secret
//     keys in PULUMI_CONFIG_SECRET_KEYS. Exit code 32 means the program already showed its error.
//   - RunPlugin for policy packs (kind "analyzer"): starts `node @pulumi/pulumi/cmd/run-policy-pack
//     <engine> <pack dir>` in the pack's directory behind the SDK's PolicyProxy, which hands the
//     stack's organization, project, stack, dry-run flag and config to the pack's environment.
//
// Both honour the runtime options `typescript` (on unless false: the SDK then loads TypeScript
// through ts-node) and `tsconfig` of Pulumi.yaml or PulumiPolicy.yaml.
//
// What it does not do: install dependencies, report the program's required plugins (the engine
// then loads providers when resources name them, and the test installs the plugins first), the
// `nodeargs` and `packagemanager` options, bun, debugging, code generation or About.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitAfterUserMessage is the exit code with which @pulumi/pulumi's run script says it has
// already printed an actionable error: the engine is told to bail without another message.
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
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

// typescriptEnv is what the runtime options `typescript` and `tsconfig` add to the environment.
func typescriptEnv(info *pulumirpc.ProgramInfo) ([]string, error) {
	options := info.GetOptions().AsMap()
	var env []string
	typescript, set := options["typescript"]
	if enabled, isBool := typescript.(bool); !set || (isBool && enabled) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	} else if !isBool {
		return nil, errors.New("the runtime option typescript must be a boolean")
	}
	if tsconfig, set := options["tsconfig"]; set {
		path, isString := tsconfig.(string)
		if !isString {
			return nil, errors.New("the runtime option tsconfig must be a string")
		}
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+path)
	}
	return env, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.0-stand-in"}, nil
}

// resolveModule asks node where `module` resolves from `dir`, the way the program's own
// require() would find it.
func resolveModule(dir, module string) (string, error) {
	script := fmt.Sprintf("try { console.log(require.resolve(%q)); } catch (e) { "+
		"console.error(e.code === 'MODULE_NOT_FOUND' ? 'the Pulumi SDK (@pulumi/pulumi) is not installed in %s: run npm install there' : e.message); process.exit(1); }",
		module, dir)
	cmd := exec.Command("node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	runScript, err := resolveModule(info.GetProgramDirectory(), "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := []string{runScript}
	flagIfSet := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIfSet("monitor", req.GetMonitorAddress())
	flagIfSet("engine", h.engineAddress)
	flagIfSet("organization", req.GetOrganization())
	flagIfSet("project", req.GetProject())
	flagIfSet("root-directory", info.GetRootDirectory())
	flagIfSet("stack", req.GetStack())
	flagIfSet("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagIfSet("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	// The SDK reads configuration keys as `<namespace>:config:<name>`.
	sdkConfig := map[string]string{}
	for key, value := range req.GetConfig() {
		parsed, err := config.ParseKey(key)
		if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		sdkConfig[parsed.Namespace()+":config:"+parsed.Name()] = value
	}
	configJSON, err := json.Marshal(sdkConfig)
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

	tsEnv, err := typescriptEnv(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	cmd.Env = append(cmd.Env, tsEnv...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterUserMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("this stand-in language host runs policy packs only, not %s plugins", req.GetKind())
	}
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	packDir := req.GetInfo().GetProgramDirectory()
	runScript, err := resolveModule(packDir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}
	// The proxy answers the engine first, so that the stack's configuration reaches the pack's
	// environment before the pack starts.
	proxy, proxyStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return err
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return err
	}
	tsEnv, err := typescriptEnv(req.GetInfo())
	if err != nil {
		return err
	}
	env := append(req.GetEnv(), tsEnv...)
	if stack != nil {
		setIfNotEmpty := func(name, value string) {
			if value != "" {
				env = append(env, name+"="+value)
			}
		}
		setIfNotEmpty("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
		setIfNotEmpty("PULUMI_NODEJS_PROJECT", stack.GetProject())
		setIfNotEmpty("PULUMI_NODEJS_STACK", stack.GetStack())
		setIfNotEmpty("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
		if stack.GetConfig() != nil {
			configJSON, err := json.Marshal(stack.GetConfig())
			if err != nil {
				return err
			}
			setIfNotEmpty("PULUMI_CONFIG", string(configJSON))
		}
	}
	args := append([]string{runScript}, req.GetArgs()...)
	args = append(args, packDir)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = packDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = proxyStdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start the policy pack with node: %w", err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("the policy pack exited with code %d", exitErr.ExitCode())
		}
		return err
	}
	return closer.Close()
}
