// Command gpu-device-plugin advertises simulated NVIDIA GPUs to the local kubelet, so the
// scheduler, resource accounting and `nvidia.com/gpu` requests behave as on a GPU node.
//
// It uses the kubelet's own device-plugin test stub. Allocate does what the NVIDIA container
// toolkit's contract promises a workload: NVIDIA_VISIBLE_DEVICES names the GPUs it got.
// Watch re-registers when the kubelet restarts (its socket is recreated), or the node's
// GPUs would drop to 0.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"k8s.io/klog/v2"
	pluginapi "k8s.io/kubelet/pkg/apis/deviceplugin/v1beta1"
	plugin "k8s.io/kubernetes/pkg/kubelet/cm/devicemanager/plugin/v1beta1"
)

func main() {
	count := flag.Int("count", 4, "number of simulated GPUs")
	resource := flag.String("resource", "nvidia.com/gpu", "extended resource name")
	// The state dir on the command line lets the harness find (and stop) this process.
	stateDir := flag.String("state-dir", "", "harness state dir (only recorded)")
	klog.InitFlags(nil)
	flag.Parse()
	klog.InfoS("starting", "resource", *resource, "count", *count, "stateDir", *stateDir)

	devs := make([]*pluginapi.Device, *count)
	for i := range devs {
		devs[i] = &pluginapi.Device{ID: fmt.Sprintf("GPU-%d", i), Health: pluginapi.Healthy}
	}

	// The kubelet only scans this folder, whatever its --root-dir; it may not have made it yet.
	if err := os.MkdirAll(pluginapi.DevicePluginPath, 0o755); err != nil {
		klog.ErrorS(err, "cannot create the device-plugin folder")
		os.Exit(1)
	}
	socket := pluginapi.DevicePluginPath + "mlcycle-gpu.sock"
	stub := plugin.NewDevicePluginStub(devs, socket, *resource, false, false)
	stub.SetAllocFunc(allocate)
	if err := stub.Start(); err != nil {
		klog.ErrorS(err, "cannot serve the plugin socket")
		os.Exit(1)
	}
	// Register once the kubelet answers (the harness starts us after its socket appears, so
	// Watch sees no creation of it then), and from then on re-register after every kubelet
	// restart: Watch restarts our server and registers again when the socket is recreated.
	for {
		err := stub.Register(pluginapi.KubeletSocket, *resource, pluginapi.DevicePluginPath)
		if err == nil {
			break
		}
		klog.InfoS("kubelet not answering yet; retrying", "err", err)
		time.Sleep(time.Second)
	}
	go stub.Watch(pluginapi.KubeletSocket, *resource, pluginapi.DevicePluginPath)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	klog.InfoS("stopping", "signal", <-sig)
	_ = stub.Stop()
}

// allocate hands each container the IDs it was given, as NVIDIA_VISIBLE_DEVICES.
func allocate(r *pluginapi.AllocateRequest, devs map[string]*pluginapi.Device) (*pluginapi.AllocateResponse, error) {
	resp := &pluginapi.AllocateResponse{}
	for _, req := range r.ContainerRequests {
		for _, id := range req.DevicesIds {
			if _, ok := devs[id]; !ok {
				return nil, fmt.Errorf("unknown device %s", id)
			}
		}
		resp.ContainerResponses = append(resp.ContainerResponses, &pluginapi.ContainerAllocateResponse{
			Envs: map[string]string{"NVIDIA_VISIBLE_DEVICES": strings.Join(req.DevicesIds, ",")},
		})
	}
	return resp, nil
}
