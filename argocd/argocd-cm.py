#!/usr/bin/env python3
"""Prints the argocd-cm data that installs mlcycle's health checks and resource actions into an Argo CD, as a merge
patch (Argo CD reads them from keys resource.customizations.health.<group>_<Kind> and
resource.customizations.actions.<group>_<Kind>):

    kubectl -n argocd patch configmap argocd-cm --type merge --patch-file <(argocd/argocd-cm.py)
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resource_customizations")


def literal(text, indent):
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def main():
    data = {}
    for group in sorted(os.listdir(ROOT)):
        for kind in sorted(os.listdir(os.path.join(ROOT, group))):
            folder = os.path.join(ROOT, group, kind)
            with open(os.path.join(folder, "health.lua")) as f:
                data[f"resource.customizations.health.{group}_{kind}"] = f.read()
            actions = os.path.join(folder, "actions")
            if os.path.isdir(actions):
                with open(os.path.join(actions, "discovery.lua")) as f:
                    text = "discovery.lua: |\n" + literal(f.read(), 2) + "definitions:\n"
                for name in sorted(os.listdir(actions)):
                    script = os.path.join(actions, name, "action.lua")
                    if os.path.isfile(script):
                        with open(script) as f:
                            text += f"- name: {name}\n  action.lua: |\n" + literal(f.read(), 4)
                data[f"resource.customizations.actions.{group}_{kind}"] = text
    # JSON is YAML: kubectl reads the patch either way, and every script keeps its exact text.
    print(json.dumps({"data": data}, indent=1))


if __name__ == "__main__":
    main()
