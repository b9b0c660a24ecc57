import json, sys, re, collections, subprocess
path=sys.argv[1]; thread=sys.argv[2]
cats=[c.split("=",1) for c in sys.argv[3:]]
out = subprocess.run(["jfr","print","--json","--stack-depth","256","--events","jdk.ExecutionSample",path],capture_output=True,text=True).stdout
evs = json.loads(out)["recording"]["events"]
c=collections.Counter(); tot=0
for e in evs:
    v=e["values"]; t=(v.get("sampledThread") or {}).get("javaName") or ""
    if not re.search(thread,t): continue
    tot+=1
    fr=[f["method"]["type"]["name"].replace("/",".")+"."+f["method"]["name"] for f in (v["stackTrace"] or {}).get("frames",[])]
    s="\n".join(fr)
    for name,p in cats:
        if re.search(p,s): c[name]+=1; break
    else: c["other"]+=1
print("samples",tot)
for k,v in c.most_common(): print(f"{100*v/tot:5.1f}%  {k}")
