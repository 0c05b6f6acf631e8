console.log('tokenscope');
