// Command coredns is upstream CoreDNS v1.15.0 with its default plugin set, built from the Go
// module proxy: the blank import registers the plugins, coremain.Run parses flags and serves.
package main

import (
	_ "github.com/coredns/coredns/core/plugin"
	"github.com/coredns/coredns/coremain"
)

func main() {
	coremain.Run()
}
