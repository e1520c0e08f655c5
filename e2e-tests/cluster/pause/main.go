// Command pause is the pod sandbox's process: it holds the pod's namespaces and does nothing
// until SIGTERM or SIGINT (the kubelet's pause image, without a registry to pull it from).
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
}
