import json, sys, re, collections, subprocess
path, pat = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv)>3 else "callers"
out = subprocess.run(["jfr","print","--json","--stack-depth","256","--events","jdk.ExecutionSample",path],capture_output=True,text=True).stdout
evs = json.loads(out)["recording"]["events"]
c = collections.Counter(); n=0; tot=0
for e in evs:
    v=e["values"]
    t = (v.get("sampledThread") or {}).get("javaName") or ""
    if t=="main" or t.startswith("background-preinit"): continue
    tot+=1
    fr=[f["method"]["type"]["name"].replace("/",".")+"."+f["method"]["name"] for f in (v["stackTrace"] or {}).get("frames",[])]
    idx=[i for i,f in enumerate(fr) if re.search(pat,f)]
    if not idx: continue
    n+=1
    top=max(idx)  # outermost matching frame (closest to root)
    if mode=="callers":
        key = fr[top+1] if top+1<len(fr) else "<root>"
        key = key + "  ->  " + fr[top]
    else:  # callees: frame called by the outermost matching frame
        key = fr[top-1] if top>0 else "<leaf>"
    c[key]+=1
print(f"{n} of {tot} samples ({100*n/tot:.1f}%) have {pat}")
for k,v in c.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 15): print(f"{100*v/tot:5.1f}%  {k}")
