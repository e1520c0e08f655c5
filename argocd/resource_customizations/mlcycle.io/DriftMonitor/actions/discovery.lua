-- The action Argo CD offers on a DriftMonitor: retrain now, drift or not. The operator starts one retraining
-- TrainingJob for each new value of the annotation mlcycle.io/retrain-request (status.lastRetrain.request records the
-- one it answered), so the action never edits spec (Git stays the source of intent).
local actions = {}
local retrain = obj.spec ~= nil and obj.spec.action ~= nil and obj.spec.action.retrain or nil
local most = retrain ~= nil and retrain.maxConcurrent or 1
local running = obj.status ~= nil and obj.status.activeRetrains or 0
-- Without a template there is nothing to retrain from; at maxConcurrent the request would only wait.
actions["retrain"] = {["disabled"] = retrain == nil or running >= most}
return actions
