import json, sys, re, collections, subprocess
path=sys.argv[1]; thread=sys.argv[2]
out = subprocess.run(["jfr","print","--json","--stack-depth","256","--events","jdk.ExecutionSample",path],capture_output=True,text=True).stdout
evs = json.loads(out)["recording"]["events"]
c=collections.Counter(); tot=0
for e in evs:
    v=e["values"]; t=(v.get("sampledThread") or {}).get("javaName") or ""
    if not re.search(thread,t): continue
    tot+=1
    fr=[f["method"]["type"]["name"].replace("/",".") for f in (v["stackTrace"] or {}).get("frames",[])]
    owner="jdk"
    for f in fr:
        if not re.match(r"(java|jdk|sun|com\.sun)\.",f):
            owner=".".join(f.split(".")[:int(sys.argv[3]) if len(sys.argv)>3 else 3]); break
    c[owner]+=1
print("samples",tot)
for k,v in c.most_common(30): print(f"{100*v/tot:5.1f}%  {k}")
