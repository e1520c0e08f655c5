// The pod sandbox ("pause") binary of the local cluster's own pause image.
module mlcycle.io/cluster/pause

go 1.26.0
