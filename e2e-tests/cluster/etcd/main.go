// Command etcd is upstream etcd's server entry point (go.etcd.io/etcd/server/v3/etcdmain),
// built from the Go module proxy. Upstream's own main module cannot be built with
// `go build` from the proxy (it has local replace directives), so this wrapper calls it.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
