-- Asks the operator to pause the rollout (mlcycle.io/rollout-action=pause; it acts once and removes the annotation).
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mlcycle.io/rollout-action"] = "pause"
return obj
