# What zsh's completion offers for a command line, as a user gets it by pressing Tab:
#   zsh completeWithZsh.zsh SCRIPT OUT 'tokenscope analyze --fo'
# Starts an interactive zsh in a pseudo-terminal (zpty), loads compinit and the completion SCRIPT,
# records every candidate given to compadd in OUT (one a line), then types the line and a Tab.
zmodload zsh/zpty
script=$1 out=$2 line=$3
: > $out
zpty z zsh -f -i
zpty -w z "PS1=''; autoload -Uz compinit; compinit -u -D; source $script"
zpty -w z "compadd () { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return \$?; fi; typeset -a hits; builtin compadd -A hits \"\$@\"; (( \$#hits )) && print -l -- \$hits >> $out; }"
zpty -w -n z "$line"$'\t'
for i in {1..100}; do [[ -s $out ]] && break; sleep 0.1; done
sleep 0.3
zpty -d z
