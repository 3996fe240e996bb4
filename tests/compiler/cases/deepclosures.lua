 local v1 = 1; return function()
  local v2 = 2; return function()
   local v3 = 3; return function()
    local v4 = 4; return function()
     local v5 = 5; return function()
      local v6 = 6; return function()
       local v7 = 7; return function()
        local v8 = 8; return function()
         local v9 = 9; return function()
          local v10 = 10; return function()
           local v11 = 11; return function()
            local v12 = 12; return function()
             local v13 = 13; return function()
              local v14 = 14; return function()
               local v15 = 15; return function()
                local v16 = 16; return function()
                 local v17 = 17; return function()
                  local v18 = 18; return function()
                   local v19 = 19; return function()
                    local v20 = 20; return function()
                     local v21 = 21; return function()
                      local v22 = 22; return function()
                       local v23 = 23; return function()
                        local v24 = 24; return function()
                         local v25 = 25; return function()
                          local v26 = 26; return function()
                           local v27 = 27; return function()
                            local v28 = 28; return function()
                             local v29 = 29; return function()
                              local v30 = 30; return function()
                               local v31 = 31; return function()
                                local v32 = 32; return function()
                                 local v33 = 33; return function()
                                  local v34 = 34; return function()
                                   local v35 = 35; return function()
                                    local v36 = 36; return function()
                                     local v37 = 37; return function()
                                      local v38 = 38; return function()
                                       local v39 = 39; return function()
                                        local v40 = 40; return function()
                                         local v41 = 41; return function()
                                          local v42 = 42; return function()
                                           local v43 = 43; return function()
                                            local v44 = 44; return function()
                                             local v45 = 45; return function()
                                              local v46 = 46; return function()
                                               local v47 = 47; return function()
                                                local v48 = 48; return function()
                                                 local v49 = 49; return function()
                                                  local v50 = 50; return function()
                                                   local v51 = 51; return function()
                                                    local v52 = 52; return function()
                                                     local v53 = 53; return function()
                                                      local v54 = 54; return function()
                                                       local v55 = 55; return function()
                                                        local v56 = 56; return function()
                                                         local v57 = 57; return function()
                                                          local v58 = 58; return function()
                                                           local v59 = 59; return function()
                                                            local v60 = 60; return function()
return v1 + v8 + v15 + v22 + v29 + v36 + v43 + v50 + v57
                                                            end
                                                           end
                                                          end
                                                         end
                                                        end
                                                       end
                                                      end
                                                     end
                                                    end
                                                   end
                                                  end
                                                 end
                                                end
                                               end
                                              end
                                             end
                                            end
                                           end
                                          end
                                         end
                                        end
                                       end
                                      end
                                     end
                                    end
                                   end
                                  end
                                 end
                                end
                               end
                              end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
