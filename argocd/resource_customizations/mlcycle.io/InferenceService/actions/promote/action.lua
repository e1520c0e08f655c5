-- Asks the operator to promote the rollout (mlcycle.io/rollout-action=promote; it acts once and removes the annotation).
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mlcycle.io/rollout-action"] = "promote"
return obj
