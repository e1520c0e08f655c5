// Command argocd is Argo CD's multi-call binary, named by argv[0] or $ARGOCD_BINARY_NAME, trimmed to the three parts the local cluster runs
// (after github.com/argoproj/argo-cd/v3 v3.6.1 cmd/main.go, Apache-2.0): the application controller, the repo server
// and the API server, whose REST API the e2e tests drive as the CLI and the UI would.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	appcontroller "github.com/argoproj/argo-cd/v3/cmd/argocd-application-controller/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
	apiserver "github.com/argoproj/argo-cd/v3/cmd/argocd-server/commands"
	"github.com/argoproj/argo-cd/v3/common"
	"github.com/argoproj/argo-cd/v3/util/grpc"
	"github.com/argoproj/argo-cd/v3/util/log"
)

func init() {
	// As upstream: klog uses the configured log level and format.
	klog.SetLogger(log.NewLogrusLogger(log.NewWithCurrentConfig()))
}

func main() {
	grpc.DisableSRVLookups() // upstream's workaround for the gRPC SRV lookup bug
	var command *cobra.Command
	name := filepath.Base(os.Args[0])
	if override := os.Getenv("ARGOCD_BINARY_NAME"); override != "" {
		name = override
	}
	switch name {
	case common.CommandServer:
		command = apiserver.NewCommand()
	case common.CommandApplicationController:
		command = appcontroller.NewCommand()
	case common.CommandRepoServer:
		command = reposerver.NewCommand()
	default:
		fmt.Fprintf(os.Stderr, "argocd: run as %s, %s or %s (a link to this binary), not %q\n",
			common.CommandServer, common.CommandApplicationController, common.CommandRepoServer, name)
		os.Exit(2)
	}
	if err := command.Execute(); err != nil {
		os.Exit(1)
	}
}
